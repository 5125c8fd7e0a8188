using Microsoft.Extensions.DependencyInjection;

public static class CorsSetup
{
    public static void Add(IServiceCollection services, string[] allowed)
    {
        services.AddCors(o =>
        {
            // ruleid: csharp-cors-any-origin-credentials
            o.AddPolicy("app", p => p.SetIsOriginAllowed(_ => true).AllowAnyHeader().AllowCredentials());
            // ok: csharp-cors-any-origin-credentials
            o.AddPolicy("app2", p => p.WithOrigins("https://app.example.com").AllowAnyHeader().AllowCredentials());
            // ok: csharp-cors-any-origin-credentials
            o.AddPolicy("app3", p => p.SetIsOriginAllowed(origin => allowed.Contains(origin)).AllowCredentials());
            // ok: csharp-cors-any-origin-credentials
            o.AddPolicy("public", p => p.AllowAnyOrigin().AllowAnyHeader());
        });
    }
}
