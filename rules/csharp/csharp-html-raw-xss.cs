using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using System.Text.Encodings.Web;

public static class CommentHelpers
{
    public static IHtmlContent Render(this IHtmlHelper html, Comment c)
    {
        // ruleid: csharp-html-raw-xss
        return html.Raw("<p class=\"comment\">" + c.Body + "</p>");
    }

    public static IHtmlContent RenderSafely(this IHtmlHelper html, Comment c)
    {
        // ok: csharp-html-raw-xss
        return html.Raw("<p class=\"comment\">" + HtmlEncoder.Default.Encode(c.Body) + "</p>");
    }

    public static IHtmlContent Badge(string name)
    {
        // ruleid: csharp-html-raw-xss
        return new HtmlString($"<span class=\"badge\">{name}</span>");
    }

    public static IHtmlContent Divider()
    {
        // ok: csharp-html-raw-xss
        return new HtmlString("<hr class=\"divider\"/>");
    }
}

public class PreviewController : Controller
{
    public IActionResult Show(string text)
    {
        // ruleid: csharp-html-raw-xss
        return Content("<div>" + text + "</div>", "text/html");
    }

    public IActionResult ShowPlain(string text)
    {
        // ok: csharp-html-raw-xss
        return Content(text, "text/plain");
    }
}
