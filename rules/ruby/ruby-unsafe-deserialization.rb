require "base64"
require "json"
require "yaml"

class CartsController < ApplicationController
  def show
    # ruleid: ruby-unsafe-deserialization
    cart = Marshal.load(Base64.decode64(cookies[:cart]))
    # ok: ruby-unsafe-deserialization
    cart_json = JSON.parse(Base64.decode64(cookies[:cart]))
    render json: { cart: cart, json: cart_json }
  end

  def import
    # ruleid: ruby-unsafe-deserialization
    rules = YAML.unsafe_load(params[:rules_yaml])
    # ok: ruby-unsafe-deserialization
    rules_safe = YAML.safe_load(params[:rules_yaml], permitted_classes: [Date])
    render json: { rules: rules, safe: rules_safe }
  end
end

class JobPayload
  def self.decode(blob)
    # ruleid: ruby-unsafe-deserialization
    YAML.load(blob)
  end

  def self.settings
    # ok: ruby-unsafe-deserialization
    YAML.load(ERB.new(File.read(Rails.root.join("config", "jobs.yml"))).result)
  end

  def self.encode(obj)
    # ok: ruby-unsafe-deserialization
    Marshal.dump(obj)
  end
end
