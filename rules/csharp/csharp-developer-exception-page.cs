using Microsoft.AspNetCore.Builder;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// ruleid: csharp-developer-exception-page
app.UseDeveloperExceptionPage();

if (app.Environment.IsDevelopment())
{
    // ok: csharp-developer-exception-page
    app.UseDeveloperExceptionPage();
    // ok: csharp-developer-exception-page
    app.UseMigrationsEndPoint();
}
else
{
    // ok: csharp-developer-exception-page
    app.UseExceptionHandler("/Error");
}

app.Run();
