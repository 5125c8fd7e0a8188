from django.contrib.auth.decorators import login_required, permission_required


# ruleid: py-auth-decorator-removed
def invoices(request):
    return render(request, "invoices.html", {"rows": Invoice.objects.filter(owner=request.user)})


# ruleid: py-auth-decorator-removed
@login_required
def refund(request, pk):
    Invoice.objects.get(pk=pk).refund()
    return redirect("invoices")


# ok: py-auth-decorator-removed
@login_required
def profile(request):
    return render(request, "profile.html")


# ok: py-auth-decorator-removed
def health(request):
    return HttpResponse("ok")
