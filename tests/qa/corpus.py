"""English wire paragraphs with Arabic translations, for the copy checks.

CLEAN pairs are correct, idiomatic translations: no check may raise an error on
them. BROKEN pairs carry one mistake each and must raise exactly the findings
listed. The glossary is the one these pairs are translated with.
"""

from khabar.qa import Glossary, Term

GLOSSARY = Glossary(
    (
        Term("Vladimir Putin", "فلاديمير بوتين", ("فلاديمير بوتن",), kind="person"),
        Term("Putin", "بوتين", ("بوتن", "پوتين"), kind="person"),
        Term("Pyongyang", "بيونغ يانغ", ("بيونغيانغ", "بيونج يانج"), kind="place"),
        Term("Kremlin", "الكرملين", ("الكريملين",), kind="organisation"),
        Term("Federation Council", "مجلس الاتحاد", kind="organisation"),
        Term("NATO", "حلف شمال الأطلسي", ("الناتو",), kind="organisation"),
        Term("Zelenskyy", "زيلينسكي", ("زيلنسكي", "زيلينسكى"), kind="person"),
        Term("Kyiv", "كييف", ("كيف",), kind="place"),
        Term("iPhone", "iPhone", keep_latin=True, kind="other"),
        Term("TikTok", "تيك توك", kind="organisation"),
        Term("Hezbollah", "حزب الله", kind="organisation"),
        Term("Gaza", "غزة", kind="place"),
        Term("Turkey", "تركيا", kind="place"),
        Term("Reuters", "رويترز", kind="agency"),
        Term("Associated Press", "أسوشيتد برس", kind="agency"),
    )
)

CLEAN = [
    # The issue's own example, translated properly.
    (
        "MOSCOW (AP) — Russia's upper house of parliament on Wednesday ratified a treaty with North Korea "
        "that envisages mutual military assistance.",
        "موسكو (أ.ب) — صادق مجلس الاتحاد الروسي، المجلس الأعلى للبرلمان، يوم الأربعاء على معاهدة مع كوريا "
        "الشمالية تنص على المساعدة العسكرية المتبادلة.",
    ),
    (
        "The Federation Council voted 168-0 to approve the pact, which President Vladimir Putin signed in "
        "Pyongyang in June.",
        "وصوّت مجلس الاتحاد بأغلبية 168 صوتا دون معارضة على الاتفاقية التي وقعها الرئيس فلاديمير بوتين في "
        "بيونغ يانغ في يونيو/حزيران.",
    ),
    (
        "Putin's spokesman said the Kremlin had no comment.",
        "وقال المتحدث باسم بوتين إن الكرملين لا يعلق على الأمر.",
    ),
    (
        "South Korea says about 10,000 North Korean troops have been sent to Russia.",
        "وتقول كوريا الجنوبية إن نحو 10 آلاف جندي كوري شمالي أرسلوا إلى روسيا.",
    ),
    (
        "South Korea says about 10,000 North Korean troops have been sent to Russia.",
        "وتقول كوريا الجنوبية إن نحو عشرة آلاف جندي كوري شمالي أرسلوا إلى روسيا.",
    ),
    (
        "The company reported a net profit of $1.5 billion, up 12% from a year earlier.",
        "وأعلنت الشركة تحقيق صافي ربح قدره 1.5 مليار دولار، بزيادة 12 في المئة عن العام السابق.",
    ),
    (
        "The company reported a net profit of $1.5 billion, up 12% from a year earlier.",
        "وأعلنت الشركة تحقيق صافي ربح قدره مليار ونصف مليار دولار، بزيادة ١٢٪ عن العام السابق.",
    ),
    (
        "Inflation slowed to 3.2 percent in October, the lowest since March 2021.",
        "وتباطأ التضخم إلى 3.2 بالمئة في أكتوبر/تشرين الأول، وهو أدنى مستوى منذ مارس/آذار 2021.",
    ),
    (
        "Inflation slowed to 3.2 percent in October, the lowest since March 2021.",
        "وتباطأ التضخم إلى ٣٫٢ في المائة في تشرين الأول، وهو أدنى مستوى منذ آذار ٢٠٢١.",
    ),
    (
        "At least 27 people were killed and 140 wounded in the strikes, the Health Ministry said.",
        "وقالت وزارة الصحة إن 27 شخصا على الأقل قتلوا وأصيب 140 آخرون في الغارات.",
    ),
    (
        "Three soldiers were killed and two others wounded.",
        "وقتل ثلاثة جنود وأصيب اثنان آخران.",
    ),
    (
        "Two soldiers were killed on Sunday.",
        "وقتل جنديان يوم الأحد.",
    ),
    (
        "One person died and dozens were injured.",
        "وتوفي شخص وأصيب العشرات.",
    ),
    (
        "Thousands of people marched through the capital on Saturday.",
        "وسار آلاف الأشخاص في شوارع العاصمة يوم السبت.",
    ),
    (
        "The vote is scheduled for Nov. 29, 2026.",
        "ومن المقرر أن يجرى التصويت في 29 نوفمبر/تشرين الثاني 2026.",
    ),
    (
        "The vote is scheduled for Nov. 29, 2026.",
        "ومن المقرر أن يجرى التصويت في 29 تشرين الثاني 2026.",
    ),
    (
        "Talks resumed on Monday and are expected to last until Thursday.",
        "واستؤنفت المحادثات يوم الإثنين ومن المتوقع أن تستمر حتى الخميس.",
    ),
    (
        "Talks resumed on Monday and are expected to last until Thursday.",
        "واستؤنفت المحادثات الاثنين ومن المتوقع أن تستمر حتى يوم الخميس.",
    ),
    (
        "Between 10 and 12 migrants are missing, the coast guard said.",
        "وقال خفر السواحل إن ما بين 10 و12 مهاجرا في عداد المفقودين.",
    ),
    (
        "The temperature could reach 45 degrees, from 10 to 12 degrees above normal.",
        "وقد تصل الحرارة إلى 45 درجة، أي أعلى من المعدل بما بين 10 و12 درجة.",
    ),
    (
        "The fund will provide 2 million doses.",
        "وسيقدم الصندوق مليوني جرعة.",
    ),
    (
        "The fund will provide 2 million doses.",
        "وسيقدم الصندوق 2 مليون جرعة.",
    ),
    (
        "More than ten thousand people have fled.",
        "وفر أكثر من 10 آلاف شخص.",
    ),
    (
        "The ministry has hired 2,000 new teachers.",
        "وعينت الوزارة ألفي معلم جديد.",
    ),
    (
        "The ministry has hired 2,000 new teachers.",
        "وعينت الوزارة ألفين من المعلمين الجدد.",
    ),
    (
        "The project will cost 300 million euros.",
        "وسيتكلف المشروع ثلاثمئة مليون يورو.",
    ),
    (
        "The project will cost 300 million euros.",
        "وسيتكلف المشروع ثلاثمائة مليون يورو.",
    ),
    (
        "About 200 families were evacuated.",
        "وأجليت نحو مئتي عائلة.",
    ),
    (
        "About 250,000 people live in the city.",
        "ويعيش في المدينة نحو مئتين وخمسين ألف شخص.",
    ),
    (
        "The aid package is worth $1.2 billion.",
        "وتبلغ قيمة حزمة المساعدات مليارا و200 مليون دولار.",
    ),
    (
        "Half a million people lost power.",
        "وانقطعت الكهرباء عن نصف مليون شخص.",
    ),
    (
        "The war has displaced 1.5 million people since 2023.",
        "وشردت الحرب مليونا ونصف مليون شخص منذ عام 2023.",
    ),
    (
        "He served as prime minister from 1996 to 1999 and again from 2009 to 2021.",
        "وشغل منصب رئيس الوزراء من 1996 إلى 1999 ثم من 2009 إلى 2021.",
    ),
    (
        "The building dates back to the 1990s.",
        "ويعود المبنى إلى تسعينيات القرن الماضي.",
    ),
    (
        "It was the worst flood of the 21st century.",
        "وكان أسوأ فيضان في القرن الحادي والعشرين.",
    ),
    (
        "The meeting starts at 10 a.m. local time.",
        "ويبدأ الاجتماع في العاشرة صباحا بالتوقيت المحلي.",
    ),
    (
        "Leaders of the G7 met in Italy.",
        "واجتمع قادة مجموعة السبع في إيطاليا.",
    ),
    (
        "Ukraine asked for more F-16 jets.",
        "وطلبت أوكرانيا مزيدا من طائرات إف-16.",
    ),
    (
        "The three leaders will meet in Kyiv.",
        "وسيجتمع القادة الثلاثة في كييف.",
    ),
    (
        "Zelenskyy said Ukraine would not give up territory.",
        "وقال زيلينسكي إن أوكرانيا لن تتخلى عن أي أرض.",
    ),
    (
        "NATO allies pledged to keep supporting Kyiv.",
        "وتعهد الحلفاء في حلف شمال الأطلسي بمواصلة دعم كييف.",
    ),
    (
        "Apple said sales of the iPhone rose 6%.",
        "وقالت شركة آبل إن مبيعات iPhone ارتفعت بنسبة 6 في المئة.",
    ),
    (
        "The app, TikTok, has 150 million users in the United States.",
        "ولتطبيق تيك توك 150 مليون مستخدم في الولايات المتحدة.",
    ),
    (
        "Details are at https://www.un.org/en/story and questions go to press@un.org or @UN_News.",
        "والتفاصيل على https://www.un.org/en/story وتوجه الأسئلة إلى press@un.org أو @UN_News.",
    ),
    (
        '"We will not retreat," he said.',
        "وقال: «لن نتراجع».",
    ),
    (
        "Hezbollah fired rockets at northern Israel, and Israel struck targets in Gaza.",
        "وأطلق حزب الله صواريخ على شمال إسرائيل، وقصفت إسرائيل أهدافا في غزة.",
    ),
    (
        "Gaza's health ministry said 45,000 people have been killed.",
        "وقالت وزارة الصحة في غزة إن 45 ألف شخص قتلوا.",
    ),
    (
        "Prices rose by a quarter in the first half of the year.",
        "وارتفعت الأسعار بمقدار الربع في النصف الأول من العام.",
    ),
    (
        "The 7.1 magnitude earthquake struck at a depth of 10 kilometers (6 miles).",
        "ووقع الزلزال بقوة 7.1 درجات على عمق 10 كيلومترات (6 أميال).",
    ),
    (
        "Turkey's president spoke with Putin by phone on Friday.",
        "وتحدث الرئيس التركي مع بوتين هاتفيا يوم الجمعة.",
    ),
    (
        "Officials in Turkey said the talks would continue.",
        "وقال مسؤولون في تركيا إن المحادثات ستستمر.",
    ),
    (
        "The bill passed 52-48.",
        "وأقر مشروع القانون بأغلبية 52 صوتا مقابل 48.",
    ),
    (
        "Forty-two people were rescued.",
        "وأنقذ 42 شخصا.",
    ),
    (
        "Eleven players were named to the squad.",
        "واختير أحد عشر لاعبا في التشكيلة.",
    ),
    (
        "The company employs 1,200 people.",
        "وتوظف الشركة ألفا ومئتي شخص.",
    ),
    (
        "She said she may travel to Brussels in May.",
        "وقالت إنها قد تسافر إلى بروكسل في مايو/أيار.",
    ),
    (
        "The minister met his Turkish counterpart, Reuters reported.",
        "وذكرت وكالة رويترز أن الوزير التقى نظيره التركي.",
    ),
    (
        "In a statement, the Associated Press said it stood by its reporting.",
        "وقالت وكالة أسوشيتد برس في بيان إنها تتمسك بتقاريرها.",
    ),
    (
        "Putin and Zelenskyy did not meet.",
        "ولم يلتق بوتين وزيلينسكي.",
    ),
    (
        "A spokesperson for Putin said the talks were useful; a date for the next round was not set.",
        "وقال متحدث باسم بوتين إن المحادثات كانت مفيدة؛ ولم يحدد موعد الجولة التالية.",
    ),
    (
        "Why now? Analysts say the timing is no accident.",
        "لماذا الآن؟ يقول محللون إن التوقيت ليس مصادفة.",
    ),
]

# (English, Arabic, expected finding codes in order) — each with exactly one mistake.
BROKEN = [
    (
        "MOSCOW (AP) — Russia's upper house of parliament on Wednesday ratified a treaty with North Korea.",
        "موسكو (أ.ب) — ratified مجلس الاتحاد الروسي يوم الأربعاء معاهدة مع كوريا الشمالية.",
        ["untranslated"],
    ),
    (
        "South Korea says about 10,000 North Korean troops have been sent to Russia.",
        "وتقول كوريا الجنوبية إن نحو 1000 جندي كوري شمالي أرسلوا إلى روسيا.",
        ["number-mismatch"],
    ),
    (
        "South Korea says about 10,000 North Korean troops have been sent to Russia.",
        "وتقول كوريا الجنوبية إن نحو ألف جندي كوري شمالي أرسلوا إلى روسيا.",
        ["number-mismatch"],
    ),
    (
        "At least 27 people were killed and 140 wounded in the strikes.",
        "وقتل 72 شخصا على الأقل وأصيب 140 آخرون في الغارات.",
        ["number-mismatch"],
    ),
    (
        "At least 27 people were killed and 140 wounded in the strikes.",
        "وقتل 27 شخصا على الأقل وأصيب آخرون في الغارات.",
        ["number-mismatch"],
    ),
    (
        "The company reported a net profit of $1.5 billion.",
        "وأعلنت الشركة تحقيق صافي ربح قدره 1.5 مليون دولار.",
        ["number-mismatch"],
    ),
    (
        "Inflation slowed to 3.2 percent.",
        "وتباطأ التضخم إلى 2.3 في المئة.",
        ["number-mismatch"],
    ),
    (
        "The fund will provide 2 million doses.",
        "وسيقدم الصندوق ألفي جرعة.",
        ["number-mismatch"],
    ),
    (
        "About 250,000 people live in the city.",
        "ويعيش في المدينة نحو خمسة وعشرين ألف شخص.",
        ["number-mismatch"],
    ),
    (
        "Three soldiers were killed.",
        "وقتل أربعة جنود.",
        ["number-mismatch"],
    ),
    (
        "He served as prime minister from 1996 to 1999.",
        "وشغل منصب رئيس الوزراء من 1996 إلى 2009.",
        ["number-mismatch"],
    ),
    (
        "Talks resumed on Monday.",
        "واستؤنفت المحادثات يوم الثلاثاء.",
        ["weekday-mismatch"],
    ),
    (
        "Talks resumed on Monday.",
        "واستؤنفت المحادثات أمس.",
        ["weekday-mismatch"],
    ),
    (
        "The vote is scheduled for Nov. 29.",
        "ومن المقرر أن يجرى التصويت في 29 كانون الأول.",
        ["month-mismatch"],
    ),
    (
        "The vote is scheduled for Nov. 29.",
        "ومن المقرر أن يجرى التصويت في 29 ديسمبر.",
        ["month-mismatch"],
    ),
    (
        "The law takes effect in January.",
        "ويدخل القانون حيز التنفيذ العام المقبل.",
        ["month-mismatch"],
    ),
    (
        "Putin's spokesman said the Kremlin had no comment.",
        "وقال المتحدث باسم بوتن إن الكرملين لا يعلق على الأمر.",
        ["glossary"],
    ),
    (
        "The summit will be held in Pyongyang.",
        "وستعقد القمة في بيونغيانغ.",
        ["glossary"],
    ),
    (
        "Zelenskyy said Ukraine would not give up territory.",
        "وقال الرئيس الأوكراني إن بلاده لن تتخلى عن أي أرض.",
        ["glossary"],
    ),
    (
        "NATO allies pledged to keep supporting Kyiv.",
        "وتعهد حلفاء الناتو بمواصلة دعم كييف.",
        ["glossary"],
    ),
    (
        "NATO allies pledged to keep supporting Kyiv.",
        "وتعهد حلفاء NATO بمواصلة دعم كييف.",
        ["untranslated"],
    ),
    (
        "The app, TikTok, has 150 million users.",
        "ولتطبيق TikTok نحو 150 مليون مستخدم.",
        ["untranslated"],
    ),
    (
        "The minister said the talks were useful.",
        "وقال الوزير إن المحادثات كانت useful.",
        ["untranslated"],
    ),
    (
        "Officials said the decision was final.",
        "وقال مسؤولون إن القرار نهائي, ولا رجعة فيه.",
        ["punctuation"],
    ),
    (
        "Why now?",
        "لماذا الآن?",
        ["punctuation"],
    ),
    (
        "Officials said the decision was final.",
        "وقال مسؤولون ، إن القرار نهائي.",
        ["punctuation"],
    ),
    (
        '"We will not retreat," he said.',
        "وقال: «لن نتراجع.",
        ["punctuation"],
    ),
    (
        "The ministry (which oversees health) said so.",
        "وقالت الوزارة (المسؤولة عن الصحة قالت ذلك.",
        ["punctuation"],
    ),
    (
        "Officials said the decision was final.",
        "وقال مسؤولون إن  القرار نهائي.",
        ["punctuation"],
    ),
]

# Years, dates, money, casualties, ordinals, decimals, ranges, measures, names.
CLEAN += [
    (
        "The 10-year-old boy was pulled from the rubble alive.",
        "وانتشل الصبي البالغ من العمر 10 سنوات حيا من تحت الأنقاض.",
    ),
    (
        "The 10-year-old boy was pulled from the rubble alive.",
        "وانتشل الصبي ذو الأعوام العشرة حيا من تحت الأنقاض.",
    ),
    (
        "A 10-year-old boy was among the dead.",
        "وكان بين القتلى صبي في العاشرة من عمره.",
    ),
    (
        "The storm killed 1,250 people and left 3.5 million without power.",
        "وقتلت العاصفة ألفا ومئتين وخمسين شخصا وتركت ثلاثة ملايين ونصف مليون دون كهرباء.",
    ),
    (
        "The storm killed 1,250 people and left 3.5 million without power.",
        "وقتلت العاصفة ١٬٢٥٠ شخصا وتركت ٣٫٥ مليون دون كهرباء.",
    ),
    (
        "The central bank raised rates by 0.25 percentage point to 5.5%.",
        "ورفع البنك المركزي أسعار الفائدة 0.25 نقطة مئوية إلى 5.5 في المئة.",
    ),
    (
        "Unemployment fell to 7.1 percent, a figure the agency called stable.",
        "وتراجعت البطالة إلى 7.1 في المئة، وهو رقم وصفته الوكالة بالمستقر.",
    ),
    (
        "The 7.1 magnitude quake was felt 500 kilometers away.",
        "وشعر بالزلزال الذي بلغت قوته ٧٫١ درجات على بعد ٥٠٠ كيلومتر.",
    ),
    (
        "The convoy travelled 1,000 kilometers (620 miles) in three days.",
        "وقطعت القافلة ألف كيلومتر في ثلاثة أيام.",
    ),
    (
        "Temperatures reached 104 degrees Fahrenheit (40 Celsius) on Tuesday.",
        "وبلغت درجات الحرارة 40 درجة مئوية يوم الثلاثاء.",
    ),
    (
        "Between 30 and 40 percent of the harvest was lost.",
        "وفقد ما بين 30 و40 في المئة من المحصول.",
    ),
    (
        "The war began on Feb. 24, 2022.",
        "وبدأت الحرب في 24 شباط/فبراير 2022.",
    ),
    (
        "The attacks of Sept. 11, 2001, killed nearly 3,000 people.",
        "وأودت هجمات الحادي عشر من سبتمبر/أيلول 2001 بحياة نحو ثلاثة آلاف شخص.",
    ),
    (
        "The ceasefire took effect at midnight on Jan. 19.",
        "ودخل وقف إطلاق النار حيز التنفيذ منتصف ليل 19 كانون الثاني/يناير.",
    ),
    (
        "Elections are due in May 2027.",
        "ومن المقرر إجراء الانتخابات في أيار/مايو 2027.",
    ),
    (
        "The company was founded in the 21st century's first decade.",
        "وتأسست الشركة في العقد الأول من القرن الحادي والعشرين.",
    ),
    (
        "It was the second time in a week that the plant was shelled.",
        "وهذه هي المرة الثانية خلال أسبوع التي تقصف فيها المحطة.",
    ),
    (
        "A dozen people were arrested.",
        "واعتقل اثنا عشر شخصا.",
    ),
    (
        "Dozens of people were arrested.",
        "واعتقل العشرات.",
    ),
    (
        "Tens of thousands of people rallied in the capital.",
        "واحتشد عشرات الآلاف في العاصمة.",
    ),
    (
        "The airline ordered 20 Airbus A320 jets worth $2bn.",
        "وطلبت شركة الطيران 20 طائرة إيرباص A320 بقيمة ملياري دولار.",
    ),
    (
        "The deal is worth 5 million euros ($5.4 million).",
        "وتبلغ قيمة الصفقة 5 ملايين يورو (5.4 مليون دولار).",
    ),
    (
        "The ministry said 1 in 5 children was malnourished.",
        "وقالت الوزارة إن طفلا واحدا من كل خمسة أطفال يعاني سوء التغذية.",
    ),
    (
        "The court sentenced him to 15 years in prison.",
        "وحكمت عليه المحكمة بالسجن خمسة عشر عاما.",
    ),
    (
        "The court sentenced him to 15 years in prison.",
        "وحكمت عليه المحكمة بالسجن 15 عاما.",
    ),
    (
        "Smith, 45, was released after two days.",
        "وأفرج عن سميث (45 عاما) بعد يومين.",
    ),
    (
        "The UN says 2.3 million people in Gaza need food aid.",
        "وتقول الأمم المتحدة إن 2.3 مليون شخص في غزة بحاجة إلى مساعدات غذائية.",
    ),
    (
        "The pandemic of COVID-19 killed millions.",
        "وقتلت جائحة كوفيد-19 الملايين.",
    ),
    (
        "The population grew to 250 million in 2020 from 200 million in 2010.",
        "وارتفع عدد السكان إلى 250 مليونا في 2020 من 200 مليون في 2010.",
    ),
    (
        "The population grew to 250 million in 2020 from 200 million in 2010.",
        "وارتفع عدد السكان إلى مئتين وخمسين مليونا عام 2020 من مئتي مليون عام 2010.",
    ),
    (
        "Ukraine's army said it shot down 25 of 30 drones overnight.",
        "وقال الجيش الأوكراني إنه أسقط 25 من أصل 30 مسيرة خلال الليل.",
    ),
    (
        "The bill passed the Senate on Thursday, Dec. 5.",
        "وأقر مجلس الشيوخ مشروع القانون يوم الخميس 5 كانون الأول/ديسمبر.",
    ),
    (
        "Black Friday sales rose 3%.",
        "وارتفعت مبيعات الجمعة السوداء 3 في المئة.",
    ),
    (
        "It's the first time since 1990 that the party has lost.",
        "وهي المرة الأولى منذ عام 1990 التي يخسر فيها الحزب.",
    ),
    (
        "Half of the 600 residents fled.",
        "وفر نصف السكان البالغ عددهم 600 نسمة.",
    ),
    (
        "Officials say the toll, now at 62, is likely to rise.",
        "ويقول مسؤولون إن الحصيلة، التي بلغت 62 قتيلا، مرشحة للارتفاع.",
    ),
    (
        "The agency can be reached at press@who.int and on X at @WHO.",
        "ويمكن التواصل مع الوكالة على press@who.int وعلى منصة إكس عبر @WHO.",
    ),
    (
        "More on www.example.org/report and #ClimateAction.",
        "والمزيد على www.example.org/report و#ClimateAction.",
    ),
]

BROKEN += [
    (
        "The storm killed 1,250 people.",
        "وقتلت العاصفة ألفا ومئتي شخص.",
        ["number-mismatch"],
    ),
    (
        "The central bank raised rates to 5.5%.",
        "ورفع البنك المركزي أسعار الفائدة إلى 5 في المئة.",
        ["number-mismatch"],
    ),
    (
        "The war began on Feb. 24, 2022.",
        "وبدأت الحرب في 24 شباط/فبراير 2023.",
        ["number-mismatch"],
    ),
    (
        "The war began on Feb. 24, 2022.",
        "وبدأت الحرب في 24 آذار 2022.",
        ["month-mismatch"],
    ),
    (
        "The court sentenced him to 15 years in prison.",
        "وحكمت عليه المحكمة بالسجن خمسة أعوام.",
        ["number-mismatch"],
    ),
    (
        "The population grew to 250 million.",
        "وارتفع عدد السكان إلى 250 ألفا.",
        ["number-mismatch"],
    ),
    (
        "Between 30 and 40 percent of the harvest was lost.",
        "وفقد ما بين 30 و50 في المئة من المحصول.",
        ["number-mismatch"],
    ),
    (
        "The bill passed the Senate on Thursday, Dec. 5.",
        "وأقر مجلس الشيوخ مشروع القانون يوم الخميس 5 تشرين الثاني.",
        ["month-mismatch"],
    ),
    (
        "The bill passed the Senate on Thursday, Dec. 5.",
        "وأقر مجلس الشيوخ مشروع القانون يوم الجمعة 5 ديسمبر.",
        ["weekday-mismatch"],
    ),
    (
        "Apple said sales of the iPhone rose 6%.",
        "وقالت شركة آبل إن مبيعات آيفون ارتفعت بنسبة 6 في المئة.",
        ["glossary"],
    ),
    (
        "The minister met Zelenskyy in Kyiv.",
        "والتقى الوزير زيلنسكي في كييف.",
        ["glossary"],
    ),
    (
        "The minister met Zelenskyy in Kyiv.",
        "والتقى الوزير زيلينسكي في كيف.",
        ["glossary"],
    ),
    (
        "The ceasefire was announced by the Kremlin.",
        "وأعلن الكريملين وقف إطلاق النار.",
        ["glossary"],
    ),
    (
        "Talks will resume next week, officials said.",
        "وقال مسؤولون إن المحادثات ستستأنف next week.",
        ["untranslated"],
    ),
    (
        "The UN says 2.3 million people in Gaza need food aid.",
        "وتقول الأمم المتحدة إن 2.3 مليون شخص في غزة بحاجة إلى food aid.",
        ["untranslated"],
    ),
    (
        "What happens next?",
        "ماذا سيحدث بعد ذلك ?",
        ["punctuation"],
    ),
    (
        "Officials said the decision was final; no appeal is possible.",
        "وقال مسؤولون إن القرار نهائي; ولا يمكن الطعن فيه.",
        ["punctuation"],
    ),
]

CLEAN += [
    ("He ruled for a decade.", "وحكم عشر سنوات."),
    ("The Sunday Times reported it on Monday.", "وذكرت صحيفة صنداي تايمز ذلك يوم الإثنين."),
    ("The 9/11 attacks shocked the world.", "وصدمت هجمات الحادي عشر من سبتمبر العالم."),
    ("The hotline is open 24/7.", "والخط الساخن مفتوح على مدار الساعة."),
]
