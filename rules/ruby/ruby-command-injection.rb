require "open3"
require "shellwords"

class ThumbnailsController < ApplicationController
  def create
    src = params[:file]
    # ruleid: ruby-command-injection
    ok = system("convert #{src} -resize 200x200 public/thumbs/out.png")
    # ok: ruby-command-injection
    ok2 = system("convert", src, "-resize", "200x200", "public/thumbs/out.png")
    render json: { ok: ok && ok2 }
  end

  def log
    branch = params[:branch]
    # ruleid: ruby-command-injection
    out, _status = Open3.capture2("git log --oneline #{branch}", chdir: Rails.root.to_s)
    # ok: ruby-command-injection
    out2, _status2 = Open3.capture2("git", "log", "--oneline", branch, chdir: Rails.root.to_s)
    render plain: out + out2
  end

  def ping
    # ruleid: ruby-command-injection
    result = `ping -c 1 #{params[:host]}`
    # ok: ruby-command-injection
    escaped = `ping -c 1 #{Shellwords.escape(params[:host])}`
    # ok: ruby-command-injection
    uptime = `uptime`
    render plain: result + escaped + uptime
  end

  def disk
    # ruleid: ruby-command-injection
    usage = IO.popen("du -sh " + params[:dir]).read
    # ok: ruby-command-injection
    usage2 = IO.popen(["du", "-sh", params[:dir]]).read
    render plain: usage + usage2
  end

  def resize
    cmd = "convert #{Shellwords.escape(params[:file])} -resize 50% out.png"
    # ok: ruby-command-injection
    system(cmd)
    raw_cmd = "convert #{params[:file]} -resize 50% out.png"
    # ruleid: ruby-command-injection
    system(raw_cmd)
  end
end
