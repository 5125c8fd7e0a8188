class SessionsController < ApplicationController
  def create
    user = User.authenticate(params[:email], params[:password])
    session[:user_id] = user.id
    # ruleid: rb-taint-open-redirect
    redirect_to params[:return_to], allow_other_host: true
  end

  def create_safely
    user = User.authenticate(params[:email], params[:password])
    session[:user_id] = user.id
    # ok: rb-taint-open-redirect
    redirect_to url_from(params[:return_to]) || root_path
  end

  def back
    target = request.referer
    # ruleid: rb-taint-open-redirect
    redirect_to target
  end

  def dashboard
    # ok: rb-taint-open-redirect
    redirect_to dashboard_path
  end

  def allowed
    dest = params[:next].to_s
    return redirect_to(root_path) unless ALLOWED_PATHS.include?(dest)
    # ok: rb-taint-open-redirect
    redirect_to dest
  end
end
