using System.IO;
using Microsoft.AspNetCore.Mvc;

public class DocumentsController : Controller
{
    private const string Root = "/srv/app/documents";

    [HttpGet("download")]
    public IActionResult Download(string name)
    {
        // ruleid: csharp-taint-path-traversal
        return PhysicalFile(Path.Combine(Root, name), "application/pdf");
    }

    [HttpGet("download3")]
    public IActionResult DownloadViaLocal(string name)
    {
        var path = Path.Combine(Root, name);
        // todoruleid: csharp-taint-path-traversal (the taint engine does not read C# `var x = ...` declarations yet)
        return PhysicalFile(path, "application/pdf");
    }

    [HttpGet("download2")]
    public IActionResult DownloadSafely(string name)
    {
        var path = Path.Combine(Root, Path.GetFileName(name));
        // ok: csharp-taint-path-traversal
        return PhysicalFile(path, "application/pdf");
    }

    [HttpPost("notes")]
    public IActionResult Save()
    {
        // ruleid: csharp-taint-path-traversal
        System.IO.File.WriteAllText(Path.Combine(Root, "notes", Request.Form["title"] + ".txt"), Request.Form["body"]);
        return Ok();
    }

    [HttpGet("template")]
    public IActionResult Template(string page)
    {
        if (!AllowedPages.Contains(page))
        {
            return NotFound();
        }
        // todook: csharp-taint-path-traversal (a guard on an action parameter is not seen: parameters are sources where read, not variables)
        return Content(System.IO.File.ReadAllText(Path.Combine(Root, page + ".html")), "text/html");
    }

    private string LoadConfig(string name)
    {
        // ok: csharp-taint-path-traversal
        return System.IO.File.ReadAllText(Path.Combine(Root, name));
    }
}
