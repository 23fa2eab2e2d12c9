"""Admin URLs of the app outside its viewsets, under the namespace ``wagtail_mentorship``."""

from django.urls import include, path

from .views.pair_everyone import PairEveryoneView
from .views.people import portrait

URL_NAMESPACE = "wagtail_mentorship"

app_urlpatterns = [
    path("portrait/<int:pk>/", portrait, name="portrait"),
    path("pair-everyone/", PairEveryoneView.as_view(), name="pair_everyone"),
]

urlpatterns = [
    path("mentorship/", include((app_urlpatterns, URL_NAMESPACE), namespace=URL_NAMESPACE)),
]
