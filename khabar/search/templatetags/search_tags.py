from django import template

from ..highlight import excerpt, highlight
from ..index import article_text

register = template.Library()


@register.simple_tag
def highlighted(text, query):
    return highlight(text, query.all_terms)


@register.simple_tag
def highlighted_excerpt(result, query):
    text = article_text(result.standfirst, result.body_json, result.dateline_city)
    return highlight(excerpt(text, query.all_terms), query.all_terms)
