using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

public class ToolsController : Controller
{
    private const string Cleanup = "/c del /q C:\\temp\\*.tmp";

    public IActionResult Ping(string host)
    {
        // ruleid: csharp-process-start-injection
        var p = Process.Start("cmd.exe", "/c ping -n 1 " + host);
        p.WaitForExit();
        return Ok();
    }

    public IActionResult Convert(string file)
    {
        var psi = new ProcessStartInfo
        {
            FileName = "powershell.exe",
            // ruleid: csharp-process-start-injection
            Arguments = $"-Command ConvertTo-Pdf -Path '{file}'",
            UseShellExecute = false,
        };
        Process.Start(psi);
        return Ok();
    }

    public void Archive(string dir)
    {
        var psi = new ProcessStartInfo();
        psi.FileName = "/bin/bash";
        // ruleid: csharp-process-start-injection
        psi.Arguments = "-c \"tar czf /backups/out.tgz " + dir + "\"";
        Process.Start(psi);
    }

    public IActionResult PingSafely(string host)
    {
        var psi = new ProcessStartInfo { FileName = "ping", UseShellExecute = false };
        psi.ArgumentList.Add("-n");
        psi.ArgumentList.Add("1");
        // ok: csharp-process-start-injection
        psi.ArgumentList.Add(host);
        Process.Start(psi);
        return Ok();
    }

    public void CleanTemp()
    {
        // ok: csharp-process-start-injection
        Process.Start("cmd.exe", "/c del /q C:\\temp\\*.tmp");
        // ok: csharp-process-start-injection
        Process.Start("cmd.exe", Cleanup);
    }
}
