using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kwaf.Gateway.Api;

/// <summary>The JSON shape of every answer: camelCase names, enums as lower camelCase strings.</summary>
internal static class KwafJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    public static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = indented };
        Configure(options);
        return options;
    }
}
