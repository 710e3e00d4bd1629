from django.apps import AppConfig


class LoadingConfig(AppConfig):
    name = "khabar.loading"
    label = "loading"
