"""The agency's pictures on the desk: shown beside the translation and made the lead image."""

import io

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image

from khabar.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pictured(desk_translation):
    """The translation's wire item carries one picture, already fetched into the library."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 400), (20, 90, 160)).save(buffer, "JPEG")
    image = Image.objects.create(title="Flooded street", file=ImageFile(buffer, name="flood.jpg"))
    item = desk_translation.item
    item.pictures = [
        {
            "href": "https://photos.example.com/flood.jpg",
            "caption": "Residents wade through a flooded street.",
            "credit": "Jane Doe",
            "usage_terms": "Editorial use only.",
            "width": 2000,
            "height": 1333,
            "image_id": image.pk,
        }
    ]
    item.save()
    return desk_translation, image


def test_editor_offers_the_picture_with_prefilled_caption_and_credit(client, admin_user, pictured):
    translation, _image = pictured
    client.force_login(admin_user)
    html = client.get(reverse("desk_editor", args=[translation.pk])).content.decode()
    assert 'id="desk-pictures"' in html and "صور الوكالة" in html
    assert 'value="Residents wade through a flooded street."' in html
    assert 'value="Jane Doe / أ.ب"' in html  # the wire credit and the agency's Arabic credit
    assert "Editorial use only." in html
    assert 'name="alt" value="" maxlength="250" required lang="ar"' in html


def test_making_it_the_lead_image_writes_the_draft(client, admin_user, pictured):
    translation, image = pictured
    client.force_login(admin_user)
    url = reverse("desk_use_picture", args=[translation.pk])
    form = {"index": "0", "caption": "سكان يخوضون في شارع غمرته المياه", "credit": "جين دو / أ.ب"}

    refused = client.post(url, {**form, "alt": "Flooded street"}, follow=True)
    assert "اكتب وصفًا للصورة بالعربية" in refused.content.decode()
    # What was typed is still in the form.
    assert f'value="{form["caption"]}"' in refused.content.decode()
    assert 'value="Flooded street"' in refused.content.decode()
    draft = ArticlePage.objects.get(pk=translation.article_id).get_latest_revision_as_object()
    assert draft.lead_image_id is None

    done = client.post(url, {**form, "alt": "شارع غمرته مياه الفيضان وسكان يعبرونه"}, follow=True)
    assert "أصبحت الصورة الصورة الرئيسية" in done.content.decode()
    draft = ArticlePage.objects.get(pk=translation.article_id).get_latest_revision_as_object()
    assert draft.lead_image_id == image.pk
    assert (draft.lead_image_caption, draft.lead_image_credit) == (form["caption"], form["credit"])
    assert draft.lead_image_alt == "شارع غمرته مياه الفيضان وسكان يعبرونه"
    assert "desk-picture--lead" in done.content.decode()


def test_a_missing_picture_is_a_message_not_an_error(client, admin_user, pictured):
    translation, _image = pictured
    client.force_login(admin_user)
    url = reverse("desk_use_picture", args=[translation.pk])
    for index in ("7", "x"):
        response = client.post(url, {"index": index, "alt": "وصف"}, follow=True)
        assert response.status_code == 200 and "لا توجد هذه الصورة" in response.content.decode()
