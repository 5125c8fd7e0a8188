class UsersController < ApplicationController
  def update
    # ruleid: ruby-mass-assignment-permit
    current_user.update(params.require(:user).permit!)
  end

  def create
    # ruleid: ruby-mass-assignment-permit
    @user = User.new(params.require(:user).permit(:name, :email, :password, :admin))
  end

  def invite
    # ruleid: ruby-mass-assignment-permit
    Membership.create(params.require(:membership).permit(:email, :account_id, role_ids: []))
  end

  def update_safely
    # ok: ruby-mass-assignment-permit
    current_user.update(params.require(:user).permit(:name, :email, :avatar))
  end

  private

  def profile_params
    # ok: ruby-mass-assignment-permit
    params.require(:profile).permit(:bio, :website, address: [:street, :city])
  end
end
