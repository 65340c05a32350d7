// The reference for the check-path figures: the least an ASP.NET minimal API can do for the same request
// (GET /decisions/check?ip=... answered 204), hosted the same way as the gateway (default builder, Kestrel).
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.MapGet("/decisions/check", () => Results.NoContent());
app.MapGet("/health", () => Results.Ok());
await app.RunAsync();
