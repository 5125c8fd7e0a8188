require "erb"

class GreetingsController < ApplicationController
  def show
    # ruleid: ruby-render-inline-injection
    render inline: "<h1>Hello #{params[:name]}</h1>"
  end

  def show_safe
    # ok: ruby-render-inline-injection
    render inline: "<h1>Hello <%= name %></h1>", locals: { name: params[:name] }
  end

  def preview
    # ruleid: ruby-render-inline-injection
    render(inline: params[:template], layout: false)
  end

  def view
    # ok: ruby-render-inline-injection
    render :show, locals: { name: params[:name] }
  end
end

class MailPreview
  HEADER = "<p>Dear <%= user.name %></p>"

  def body(user, footer)
    # ruleid: ruby-render-inline-injection
    ERB.new(HEADER + "<footer>" + footer + "</footer>").result(binding)
  end

  def header(user)
    # ok: ruby-render-inline-injection
    ERB.new(HEADER).result(binding)
  end
end
