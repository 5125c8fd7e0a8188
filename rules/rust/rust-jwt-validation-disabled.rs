use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};

fn claims(token: &str, secret: &[u8]) -> Claims {
    let mut validation = Validation::new(Algorithm::HS256);
    // ruleid: rust-jwt-validation-disabled
    validation.insecure_disable_signature_validation();
    // ruleid: rust-jwt-validation-disabled
    validation.validate_exp = false;
    // ok: rust-jwt-validation-disabled
    validation.validate_nbf = true;
    decode::<Claims>(token, &DecodingKey::from_secret(secret), &validation).unwrap().claims
}

fn claims_verified(token: &str, secret: &[u8]) -> Claims {
    // ok: rust-jwt-validation-disabled
    let validation = Validation::new(Algorithm::HS256);
    decode::<Claims>(token, &DecodingKey::from_secret(secret), &validation).unwrap().claims
}

fn legacy(token: &str) -> Claims {
    // ruleid: rust-jwt-validation-disabled
    jsonwebtoken::dangerous_insecure_decode::<Claims>(token).unwrap().claims
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expired_tokens_parse_when_asked() {
        let mut validation = Validation::new(Algorithm::HS256);
        // ok: rust-jwt-validation-disabled
        validation.validate_exp = false;
    }
}
