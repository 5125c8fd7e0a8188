class ApplicationController < ActionController::Base
  # ruleid: ruby-csrf-protection-disabled
  protect_from_forgery with: :null_session
end

class AccountsController < ApplicationController
  # ruleid: ruby-csrf-protection-disabled
  skip_before_action :verify_authenticity_token, only: [:update]

  # ok: ruby-csrf-protection-disabled
  before_action :authenticate_user!

  def update
    current_user.update!(account_params)
  end
end

class CommentsController < ApplicationController
  # ruleid: ruby-csrf-protection-disabled
  skip_forgery_protection
end

module ForgeryHelpers
  # ok: ruby-csrf-protection-disabled
  def skip_forgery_protection(options = {})
    options
  end
end

class SafeController < ApplicationController
  # ok: ruby-csrf-protection-disabled
  protect_from_forgery with: :exception
end

class Api::EventsController < ActionController::API
  # ok: ruby-csrf-protection-disabled
  skip_before_action :verify_authenticity_token
end

class StripeWebhooksController < ApplicationController
  before_action :verify_webhook_signature
  # ok: ruby-csrf-protection-disabled
  skip_forgery_protection
end
