require "digest"

class User < ApplicationRecord
  def password=(value)
    # ruleid: ruby-weak-hash-password
    self.password_digest = Digest::MD5.hexdigest(value + password_salt)
  end

  def self.hash_api_key(api_key)
    # ruleid: ruby-weak-hash-password
    Digest::SHA1.hexdigest(api_key)
  end

  def avatar_cache_key
    # ok: ruby-weak-hash-password
    Digest::MD5.hexdigest(email.downcase)
  end

  def self.hash_api_key_strong(api_key)
    # ok: ruby-weak-hash-password
    Digest::SHA256.hexdigest(api_key)
  end
end
