from django.contrib.auth.decorators import login_required, permission_required


@login_required
def invoices(request):
    return render(request, "invoices.html", {"rows": Invoice.objects.filter(owner=request.user)})


@permission_required("billing.refund")
def refund(request, pk):
    Invoice.objects.get(pk=pk).refund()
    return redirect("invoices")


@login_required
def profile(request):
    return render(request, "profile.html")


def health(request):
    return HttpResponse("ok")
