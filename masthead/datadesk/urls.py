from django.urls import path

from masthead.datadesk import views

app_name = "datadesk"
urlpatterns = [
    path("covid-19/", views.covid19, name="covid19"),
    path("covid-19.csv", views.covid19_csv, name="covid19_csv"),
]
