require "open3"
require "shellwords"

class ToolsController < ApplicationController
  ALLOWED_FORMATS = %w[png jpg webp].freeze

  def ping
    host = params[:host]
    # ruleid: rb-taint-command-injection
    output = `ping -c 1 #{host}`
    render plain: output
  end

  def ping_args
    # ok: rb-taint-command-injection
    output, _status = Open3.capture2("ping", "-c", "1", params[:host])
    render plain: output
  end

  def ping_escaped
    # ok: rb-taint-command-injection
    output = `ping -c 1 #{Shellwords.escape(params[:host])}`
    render plain: output
  end

  def convert
    cmd = "convert uploads/" + params[:file] + " -resize 128x128 thumbs/out.png"
    # ruleid: rb-taint-command-injection
    system(cmd)
    head :accepted
  end

  def convert_format
    format = params[:format]
    return head(:bad_request) unless ALLOWED_FORMATS.include?(format)
    # ok: rb-taint-command-injection
    system("convert uploads/in.tiff thumbs/out.#{format}")
    head :accepted
  end

  def archive
    for folder in params[:folders]
      # ruleid: rb-taint-command-injection
      Open3.capture3("tar czf /backups/#{folder}.tgz /srv/data/#{folder}")
    end
    head :accepted
  end

  def archive_each
    params[:folders].each do |folder|
      # each block parameter carries the taint of the collection
      # ruleid: rb-taint-command-injection
      Open3.capture3("tar czf /backups/#{folder}.tgz /srv/data/#{folder}")
    end
    head :accepted
  end

  def tail
    lines = params[:lines].to_i
    # ok: rb-taint-command-injection
    render plain: `tail -n #{lines} log/production.log`
  end

  def lookup
    render plain: whois(params[:domain])
  end

  private

  def whois(domain)
    # ruleid: rb-taint-command-injection
    IO.popen("whois #{domain}").read
  end
end
