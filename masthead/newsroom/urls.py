from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.cache import cache_page

from masthead.newsroom import feeds, views
from masthead.newsroom.sitemaps import SITEMAPS

app_name = "newsroom"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("s/<str:code>", views.short_link, name="short"),
    path("news/", views.all_news, name="all_news"),
    path("recommended/", views.recommended, name="recommended"),
    path("trending/", views.trending, name="trending"),
    path("multimedia/", views.multimedia, name="multimedia"),
    path("multimedia/<slug:slug>/", views.gallery, name="gallery"),
    path("sections/<slug:slug>/", views.section, name="section"),
    path("tags/<str:slug>/", views.tag, name="tag"),
    path("authors/<slug:slug>/", views.author, name="author"),
    path("search/", views.search_view, name="search"),
    path("feeds/rss/", feeds.AllNewsFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.AllNewsAtom(), name="feed_atom"),
    path("feeds/sections/<slug:slug>/rss/", feeds.SectionFeed(), name="section_rss"),
    path("feeds/sections/<slug:slug>/atom/", feeds.SectionAtom(), name="section_atom"),
    path("feeds/tags/<str:slug>/rss/", feeds.TagFeed(), name="tag_rss"),
    path("feeds/tags/<str:slug>/atom/", feeds.TagAtom(), name="tag_atom"),
    path("sitemap-news.xml", views.news_sitemap, name="news_sitemap"),
    path(
        "sitemap.xml",
        cache_page(600)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "newsroom:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(600)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
]
