using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

public class PreviewController : Controller
{
    private readonly HttpClient _http;

    public PreviewController(HttpClient http)
    {
        _http = http;
    }

    [HttpGet("preview")]
    public async Task<IActionResult> Preview(string url)
    {
        // ruleid: csharp-taint-ssrf
        var html = await _http.GetStringAsync(url);
        return Content(html, "text/plain");
    }

    [HttpGet("avatar")]
    public async Task<IActionResult> Avatar()
    {
        // ruleid: csharp-taint-ssrf
        var bytes = await _http.GetByteArrayAsync("https://" + Request.Query["host"] + "/avatar.png");
        return File(bytes, "image/png");
    }

    [HttpGet("status")]
    public async Task<IActionResult> Status(string id)
    {
        // ok: csharp-taint-ssrf
        var body = await _http.GetStringAsync("https://status.example.com/api/" + Uri.EscapeDataString(id));
        return Content(body, "text/plain");
    }

    private Task<string> Internal(string configuredUrl)
    {
        // ok: csharp-taint-ssrf
        return _http.GetStringAsync(configuredUrl);
    }
}
