from django.urls import include, path

from frontdoor.landing import views as landing_views

urlpatterns = [
    path("", landing_views.home, name="home"),
    path("", include("frontdoor.landing.urls")),
    path("accounts/", include("frontdoor.accounts.urls")),
    path("", include("frontdoor.decisions.urls")),
    path("", include("frontdoor.audit.urls")),
    path("contacts/<str:reference>/documents/", include("frontdoor.documents.urls")),
    path("contacts/<str:reference>/", include("frontdoor.followup.urls")),
    path("contacts/", include("frontdoor.contacts.urls")),
    path("people/", include("frontdoor.people.urls")),
    path("notices/", include("frontdoor.notices.urls")),
    path("dashboard/", include("frontdoor.dashboard.urls")),
    path("registers/", include("frontdoor.registers.urls")),
    path("outbox/", include("frontdoor.outbox.urls")),
    path("strategy-meetings/", include("frontdoor.strategy.urls")),
    path("", include("frontdoor.ops.urls")),
    path("records/", include("frontdoor.records.urls")),
    path("access/", include("frontdoor.access.urls")),
]
