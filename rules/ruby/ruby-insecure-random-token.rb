require "securerandom"

class PasswordReset
  CHARS = ("a".."z").to_a + ("0".."9").to_a

  def generate!(user)
    # ruleid: ruby-insecure-random-token
    user.reset_token = (0...32).map { CHARS.sample }.join
    # ruleid: ruby-insecure-random-token
    @otp = rand(100_000..999_999).to_s
    # ruleid: ruby-insecure-random-token
    api_key = Random.new.bytes(16).unpack1("H*")
    # ok: ruby-insecure-random-token
    user.confirmation_token = SecureRandom.urlsafe_base64(32)
    # ok: ruby-insecure-random-token
    @otp_code = SecureRandom.random_number(1_000_000).to_s.rjust(6, "0")
    # ok: ruby-insecure-random-token
    delay = rand(5)
    api_key
  end
end
