using System.IO;
using System.Runtime.Serialization.Formatters.Binary;
using System.Text.Json;
using System.Web.UI;

public class CartSessionStore
{
    public Cart Load(byte[] cookieValue)
    {
        // ruleid: csharp-insecure-deserialization
        var formatter = new BinaryFormatter();
        using var ms = new MemoryStream(cookieValue);
        return (Cart)formatter.Deserialize(ms);
    }

    public object LoadViewState(string state)
    {
        // ruleid: csharp-insecure-deserialization
        return new LosFormatter().Deserialize(state);
    }

    public Cart LoadSafely(byte[] cookieValue)
    {
        // ok: csharp-insecure-deserialization
        return JsonSerializer.Deserialize<Cart>(cookieValue);
    }
}

public class ReportExporter
{
    public byte[] Export(Report report)
    {
        using var ms = new MemoryStream();
        // ok: csharp-insecure-deserialization
        var writer = new StreamWriter(ms);
        writer.Write(JsonSerializer.Serialize(report));
        writer.Flush();
        return ms.ToArray();
    }
}
