using Microsoft.AspNetCore.Mvc;

public class AccountController : Controller
{
    [HttpPost]
    public IActionResult Login(LoginModel model, string returnUrl)
    {
        SignIn(model);
        // ruleid: csharp-open-redirect
        return Redirect(returnUrl);
    }

    [HttpPost]
    public IActionResult LoginChecked(LoginModel model, string returnUrl)
    {
        SignIn(model);
        if (Url.IsLocalUrl(returnUrl))
        {
            // ok: csharp-open-redirect
            return Redirect(returnUrl);
        }
        return RedirectToAction("Index", "Home");
    }

    [HttpPost]
    public IActionResult LoginLocal(LoginModel model, string returnUrl)
    {
        SignIn(model);
        // ok: csharp-open-redirect
        return LocalRedirect(returnUrl);
    }

    [HttpGet]
    public IActionResult Back()
    {
        // ruleid: csharp-open-redirect
        return Redirect(Request.Query["next"]);
    }

    [HttpGet]
    public IActionResult Docs()
    {
        // ok: csharp-open-redirect
        return Redirect("https://docs.example.com/");
    }
}
