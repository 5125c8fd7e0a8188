from django import forms
from django.forms import modelform_factory
from rest_framework import serializers

from accounts.models import Account, User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        # ruleid: python-django-model-form-all-fields
        fields = "__all__"


class ProfileFormSafe(forms.ModelForm):
    class Meta:
        model = User
        # ok: python-django-model-form-all-fields
        fields = ["first_name", "last_name", "email"]


class AccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        # ruleid: python-django-model-form-all-fields
        fields = '__all__'


class ReportFilter(forms.Form):
    class Meta:
        # ok: python-django-model-form-all-fields
        fields = "__all__"


# ruleid: python-django-model-form-all-fields
AccountForm = modelform_factory(Account, fields="__all__")
# ok: python-django-model-form-all-fields
AccountFormSafe = modelform_factory(Account, fields=["nickname"])
