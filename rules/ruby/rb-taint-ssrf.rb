require "net/http"
require "open-uri"

class PreviewsController < ApplicationController
  ALLOWED_HOSTS = %w[images.example.com cdn.example.com].freeze

  def show
    uri = URI.parse(params[:url])
    # ruleid: rb-taint-ssrf
    body = Net::HTTP.get(uri)
    render plain: body
  end

  def avatar
    # ruleid: rb-taint-ssrf
    data = URI.open(params[:avatar_url]).read
    send_data data, type: "image/png"
  end

  def webhook_test
    target = "#{params[:host]}/ping"
    # ruleid: rb-taint-ssrf
    HTTParty.post(target, body: { ok: true })
    head :ok
  end

  def checked
    uri = URI.parse(params[:url])
    return head(:forbidden) unless ALLOWED_HOSTS.include?(uri.host)
    # ok: rb-taint-ssrf
    render plain: Net::HTTP.get(uri)
  end

  def status
    # ok: rb-taint-ssrf
    render plain: Net::HTTP.get(URI("https://status.example.com/api/#{params[:id].to_i}"))
  end
end
