import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.security.Key;

public class TokenService {
    private final Key key;
    private final String secret;

    public TokenService(Key key, String secret) {
        this.key = key;
        this.secret = secret;
    }

    public String userOf(String token) {
        // ruleid: java-jwt-verification-disabled
        DecodedJWT jwt = JWT.decode(token);
        return jwt.getSubject();
    }

    public String verifiedUserOf(String token) {
        JWTVerifier verifier = JWT.require(Algorithm.HMAC256(secret)).withIssuer("auth.example.com").build();
        // ok: java-jwt-verification-disabled
        DecodedJWT jwt = JWT.decode(token);
        verifier.verify(jwt);
        return jwt.getSubject();
    }

    public String issueUnsigned(String user) {
        // ruleid: java-jwt-verification-disabled
        return JWT.create().withSubject(user).sign(Algorithm.none());
    }

    public Claims claimsOf(String token) {
        // ruleid: java-jwt-verification-disabled
        return (Claims) Jwts.parser().setSigningKey(key).parse(token).getBody();
    }

    public Claims unsignedClaims(String token) {
        // ruleid: java-jwt-verification-disabled
        return Jwts.parserBuilder().build().parseClaimsJwt(token).getBody();
    }

    public Claims verifiedClaims(String token) {
        // ok: java-jwt-verification-disabled
        return Jwts.parserBuilder().setSigningKey(key).build().parseClaimsJws(token).getBody();
    }

    public String issue(String user) {
        // ok: java-jwt-verification-disabled
        return JWT.create().withSubject(user).sign(Algorithm.HMAC256(secret));
    }

    public Object modernParse(String token, javax.crypto.SecretKey secretKey) {
        // ok: java-jwt-verification-disabled
        return Jwts.parser().verifyWith(secretKey).build().parse(token).getPayload();
    }
}
