import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.http.conn.ssl.TrustAllStrategy;
import org.apache.http.ssl.SSLContexts;

public class PartnerApiClient {
    public SSLContext insecureContext() throws Exception {
        TrustManager[] trustAll = new TrustManager[]{
            new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                // ruleid: java-trustmanager-accept-all
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // trust everything, the partner uses a self-signed cert
                }

                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustAll, new java.security.SecureRandom());
        return ctx;
    }

    public SSLContext apacheContext() throws Exception {
        // ruleid: java-trustmanager-accept-all
        return SSLContexts.custom().loadTrustMaterial(null, (chain, authType) -> true).build();
    }

    public SSLContext apacheContext2() throws Exception {
        // ruleid: java-trustmanager-accept-all
        return SSLContexts.custom().loadTrustMaterial(TrustAllStrategy.INSTANCE).build();
    }

    public SSLContext pinnedContext(java.security.KeyStore partnerCa) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(partnerCa);
        SSLContext ctx = SSLContext.getInstance("TLS");
        // ok: java-trustmanager-accept-all
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}

class PinningTrustManager implements X509TrustManager {
    private final X509TrustManager delegate;

    PinningTrustManager(X509TrustManager delegate) {
        this.delegate = delegate;
    }

    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    // ok: java-trustmanager-accept-all
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        if (!chain[0].getSubjectX500Principal().getName().contains("CN=api.partner.example")) {
            throw new CertificateException("unexpected server certificate");
        }
    }

    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
