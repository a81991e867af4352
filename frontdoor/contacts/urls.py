from django.urls import path

from . import family_views, views

app_name = "contacts"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.contact_new, name="new"),
    path("<str:reference>/", views.contact_detail, name="detail"),
    path("<str:reference>/screening/", views.contact_screening, name="screening"),
    path("<str:reference>/people/add/", family_views.contact_add_person, name="add-person"),
    path(
        "<str:reference>/people/<int:link_id>/own-contact/", family_views.young_parent_refer, name="young-parent-refer"
    ),
    path(
        "<str:reference>/people/<int:link_id>/declined/",
        family_views.young_parent_declined,
        name="young-parent-declined",
    ),
    path("<str:reference>/checks/<int:check_id>/respond/", views.agency_check_respond_view, name="check-respond"),
    path("<str:reference>/<slug:action>/", views.contact_action, name="action"),
]
