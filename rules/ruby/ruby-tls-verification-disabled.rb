require "net/http"
require "faraday"
require "httparty"

def fetch(uri)
  http = Net::HTTP.new(uri.host, uri.port)
  http.use_ssl = true
  # ruleid: ruby-tls-verification-disabled
  http.verify_mode = OpenSSL::SSL::VERIFY_NONE
  http.get(uri.request_uri)
end

def warn_if_insecure(http)
  # ok: ruby-tls-verification-disabled
  warn "TLS verification is off" if http.verify_mode == OpenSSL::SSL::VERIFY_NONE
end

def fetch_ok(uri)
  http = Net::HTTP.new(uri.host, uri.port)
  http.use_ssl = true
  # ok: ruby-tls-verification-disabled
  http.verify_mode = OpenSSL::SSL::VERIFY_PEER
  http.get(uri.request_uri)
end

# ruleid: ruby-tls-verification-disabled
conn = Faraday.new(url: "https://api.example.com", ssl: { verify: false })
# ok: ruby-tls-verification-disabled
conn2 = Faraday.new(url: "https://api.example.com", ssl: { ca_file: "/etc/app/ca.pem" })
# ruleid: ruby-tls-verification-disabled
HTTParty.get("https://api.example.com/status", verify: false)
# ok: ruby-tls-verification-disabled
HTTParty.get("https://api.example.com/status", follow_redirects: false)
