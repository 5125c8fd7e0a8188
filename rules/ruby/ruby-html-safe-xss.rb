module CommentsHelper
  def comment_body(comment)
    # ruleid: ruby-html-safe-xss
    "<div class=\"comment\">#{comment.body}</div>".html_safe
  end

  def comment_body_safe(comment)
    # ok: ruby-html-safe-xss
    content_tag(:div, comment.body, class: "comment")
  end

  def comment_body_escaped(comment)
    # ok: ruby-html-safe-xss
    "<div class=\"comment\">#{h(comment.body)}</div>".html_safe
  end

  def divider
    # ok: ruby-html-safe-xss
    "<hr class=\"divider\">".html_safe
  end
end

class SearchController < ApplicationController
  def index
    # ruleid: ruby-html-safe-xss
    @heading = raw("Results for " + params[:q])
    # ruleid: ruby-html-safe-xss
    @note = params[:note].html_safe
    # ok: ruby-html-safe-xss
    @summary = sanitize(params[:summary], tags: %w[b i])
  end
end
