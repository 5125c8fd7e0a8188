require "jwt"

class TokenAuth
  SECRET = ENV.fetch("JWT_SECRET")

  def user_id(token)
    # ruleid: ruby-jwt-verification-disabled
    payload, = JWT.decode(token, nil, false)
    payload["sub"]
  end

  def user_id_verified(token)
    # ok: ruby-jwt-verification-disabled
    payload, = JWT.decode(token, SECRET, true, { algorithm: "HS256" })
    payload["sub"]
  end

  def issue(user)
    # ruleid: ruby-jwt-verification-disabled
    JWT.encode({ sub: user.id }, nil, "none")
  end

  def issue_signed(user)
    # ok: ruby-jwt-verification-disabled
    JWT.encode({ sub: user.id }, SECRET, "HS256")
  end
end
