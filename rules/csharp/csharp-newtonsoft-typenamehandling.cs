using Newtonsoft.Json;

public class EventConsumer
{
    private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
    {
        // ruleid: csharp-newtonsoft-typenamehandling
        TypeNameHandling = TypeNameHandling.All,
    };

    public object Consume(string body)
    {
        return JsonConvert.DeserializeObject(body, Settings);
    }

    public object ConsumeAuto(string body)
    {
        var s = new JsonSerializerSettings();
        // ruleid: csharp-newtonsoft-typenamehandling
        s.TypeNameHandling = TypeNameHandling.Auto;
        return JsonConvert.DeserializeObject(body, s);
    }

    public OrderEvent ConsumeTyped(string body)
    {
        var s = new JsonSerializerSettings
        {
            // ok: csharp-newtonsoft-typenamehandling
            TypeNameHandling = TypeNameHandling.None,
        };
        return JsonConvert.DeserializeObject<OrderEvent>(body, s);
    }
}

public class BoundEventConsumer
{
    private readonly JsonSerializerSettings _settings = new JsonSerializerSettings
    {
        // ok: csharp-newtonsoft-typenamehandling
        TypeNameHandling = TypeNameHandling.Auto,
        SerializationBinder = new KnownTypesBinder(),
    };

    public object Consume(string body) => JsonConvert.DeserializeObject(body, _settings);
}
