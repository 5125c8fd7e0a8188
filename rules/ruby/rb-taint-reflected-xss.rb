class SearchController < ApplicationController
  def show
    term = params[:q].to_s.strip
    # ruleid: rb-taint-reflected-xss
    render html: "<h1>Results for #{term}</h1>".html_safe
  end

  def escaped
    term = params[:q].to_s
    # ok: rb-taint-reflected-xss
    render html: "<h1>Results for #{ERB::Util.html_escape(term)}</h1>".html_safe
  end

  def banner
    message = params[:message]
    # ruleid: rb-taint-reflected-xss
    @banner = raw(message)
  end

  def page
    n = params[:page].to_i
    # ok: rb-taint-reflected-xss
    @label = "page #{n}".html_safe
  end

  def preview
    # ruleid: rb-taint-reflected-xss
    render inline: params[:template]
  end

  def constant
    # ok: rb-taint-reflected-xss
    render inline: "<p><%= @count %> results</p>"
  end
end
