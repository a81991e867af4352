from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("<int:person_id>/", views.detail, name="detail"),
    path("<int:person_id>/born/", views.record_birth, name="born"),
    path("<int:person_id>/merge/", views.merge_start, name="merge"),
    path("<int:person_id>/merge/<int:other_id>/", views.merge_compare, name="merge-compare"),
    path("<int:person_id>/merges/<int:merge_id>/undo/", views.merge_undo, name="merge-undo"),
]
