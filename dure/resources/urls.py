from django.urls import path

from dure.resources import views

app_name = "resources"

urlpatterns = [
    path("calendar/", views.calendar, name="calendar"),
    path("inventory/", views.resource_list, name="resource_list"),
    path("statistics/", views.statistics, name="statistics"),
    path("bookings/<int:pk>/approve/", views.booking_approve, name="booking_approve"),
    path("bookings/<int:pk>/refuse/", views.booking_refuse, name="booking_refuse"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
]
urlpatterns += views.SCREENS.urls()
