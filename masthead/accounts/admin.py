from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from masthead.accounts.models import User


@admin.register(User)
class MastheadUserAdmin(UserAdmin):
    fieldsets = [
        *UserAdmin.fieldsets,  # type: ignore[misc]
        ("Masthead", {"fields": ["display_name"]}),
    ]
    list_display = ["username", "email", "display_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["username", "email", "display_name", "first_name", "last_name"]
