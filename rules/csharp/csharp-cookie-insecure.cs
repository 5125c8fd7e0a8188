using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

public class SessionController : Controller
{
    public IActionResult Login(string sessionId)
    {
        // ruleid: csharp-cookie-insecure
        Response.Cookies.Append("session", sessionId, new CookieOptions { HttpOnly = true, Secure = false });
        // ok: csharp-cookie-insecure
        Response.Cookies.Append("sid", sessionId, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax });
        return Ok();
    }

    public void Configure(CookieAuthenticationOptions options)
    {
        // ruleid: csharp-cookie-insecure
        options.Cookie.SecurePolicy = CookieSecurePolicy.None;
        // ok: csharp-cookie-insecure
        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
    }

    public void Tls(HttpClientHandler handler)
    {
        // ok: csharp-cookie-insecure
        handler.UseProxy = false;
    }
}
