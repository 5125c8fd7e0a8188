using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

public class PartnerClientFactory
{
    public static void TrustEverything()
    {
        // ruleid: csharp-certificate-validation-disabled
        ServicePointManager.ServerCertificateValidationCallback = (sender, cert, chain, errors) => true;
    }

    public HttpClient Create()
    {
        var handler = new HttpClientHandler();
        // ruleid: csharp-certificate-validation-disabled
        handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
        return new HttpClient(handler);
    }

    public HttpClient CreateInline()
    {
        var handler = new HttpClientHandler
        {
            // ruleid: csharp-certificate-validation-disabled
            ServerCertificateCustomValidationCallback = (msg, cert, chain, errors) => { return true; },
        };
        return new HttpClient(handler);
    }

    private static bool AcceptAll(object sender, X509Certificate cert, X509Chain chain, SslPolicyErrors errors)
    {
        return true;
    }

    public SslStream Wrap(System.IO.Stream inner)
    {
        // ruleid: csharp-certificate-validation-disabled
        return new SslStream(inner, false, new RemoteCertificateValidationCallback(AcceptAll));
    }

    public HttpClient CreateStrict()
    {
        var handler = new HttpClientHandler();
        // ok: csharp-certificate-validation-disabled
        handler.ServerCertificateCustomValidationCallback = (msg, cert, chain, errors) => errors == SslPolicyErrors.None;
        return new HttpClient(handler);
    }

    public HttpClient CreatePinned(string thumbprint)
    {
        var handler = new HttpClientHandler
        {
            // ok: csharp-certificate-validation-disabled
            ServerCertificateCustomValidationCallback = (msg, cert, chain, errors) => cert != null && cert.GetCertHashString() == thumbprint,
        };
        return new HttpClient(handler);
    }
}
