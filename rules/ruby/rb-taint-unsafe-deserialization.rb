require "base64"

class CartsController < ApplicationController
  def restore
    data = Base64.decode64(cookies[:cart])
    # ruleid: rb-taint-unsafe-deserialization
    @cart = Marshal.load(data)
  end

  def import
    # ruleid: rb-taint-unsafe-deserialization
    @settings = YAML.unsafe_load(request.body.read)
  end

  def import_safely
    # ok: rb-taint-unsafe-deserialization
    @settings = YAML.safe_load(request.body.read, permitted_classes: [])
  end

  def update
    # ok: rb-taint-unsafe-deserialization
    @payload = JSON.parse(params[:payload])
  end

  def cached
    # ok: rb-taint-unsafe-deserialization
    @report = Marshal.load(Rails.cache.read("report"))
  end
end
