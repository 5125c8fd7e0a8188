import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import okhttp3.OkHttpClient;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.impl.client.HttpClients;

public class InternalHttp {
    static class TrustingVerifier implements HostnameVerifier {
        @Override
        // ruleid: java-hostnameverifier-accept-all
        public boolean verify(String hostname, SSLSession session) {
            return true;
        }
    }

    public void configureGlobal() {
        // ruleid: java-hostnameverifier-accept-all
        HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true);
    }

    public OkHttpClient okClient() {
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        // ruleid: java-hostnameverifier-accept-all
        builder.hostnameVerifier((host, sslSession) -> true);
        return builder.build();
    }

    public Object apacheClient(SSLContext ctx) {
        // ruleid: java-hostnameverifier-accept-all
        return HttpClients.custom().setSSLContext(ctx).setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE).build();
    }

    public Object apacheClientSafe(SSLContext ctx) {
        // ok: java-hostnameverifier-accept-all
        return HttpClients.custom().setSSLContext(ctx).setSSLHostnameVerifier(new DefaultHostnameVerifier()).build();
    }

    public OkHttpClient okClientPinned() {
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        // ok: java-hostnameverifier-accept-all
        builder.hostnameVerifier((host, session) -> host.equals("api.internal.example"));
        return builder.build();
    }

    static class StrictVerifier implements HostnameVerifier {
        private final HostnameVerifier base = HttpsURLConnection.getDefaultHostnameVerifier();

        @Override
        // ok: java-hostnameverifier-accept-all
        public boolean verify(String hostname, SSLSession session) {
            return hostname.endsWith(".internal.example") && base.verify(hostname, session);
        }
    }
}

class LegacyClientFactory {
    public org.apache.http.conn.ssl.SSLConnectionSocketFactory socketFactory(SSLContext ctx) {
        // ruleid: java-hostnameverifier-accept-all
        return new org.apache.http.conn.ssl.SSLConnectionSocketFactory(ctx, NoopHostnameVerifier.INSTANCE);
    }
}
