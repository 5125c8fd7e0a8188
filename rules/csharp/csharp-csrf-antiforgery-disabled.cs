using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

// ruleid: csharp-csrf-antiforgery-disabled
[IgnoreAntiforgeryToken]
public class ProfileController : Controller
{
    [HttpPost]
    public IActionResult ChangeEmail(string email) => Ok();
}

public class SettingsController : Controller
{
    [HttpPost]
    // ok: csharp-csrf-antiforgery-disabled
    [ValidateAntiForgeryToken]
    public IActionResult Save(string theme) => Ok();

    [HttpPost]
    // ruleid: csharp-csrf-antiforgery-disabled
    [IgnoreAntiforgeryToken]
    public IActionResult Reset() => Ok();
}

[Authorize(AuthenticationSchemes = JwtBearerDefaults.AuthenticationScheme)]
public class ApiController : ControllerBase
{
    [HttpPost]
    // ok: csharp-csrf-antiforgery-disabled
    [IgnoreAntiforgeryToken]
    public IActionResult Create() => Ok();
}
