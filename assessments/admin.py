from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from assessments.models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "organisation", "is_staff"]
    list_filter = [*BaseUserAdmin.list_filter, "organisation"]
    list_select_related = ["organisation"]
    fieldsets = [
        *(BaseUserAdmin.fieldsets or []),
        ("Organisation", {"fields": ["organisation"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        ("Organisation", {"fields": ["organisation", "groups"]}),
    ]
