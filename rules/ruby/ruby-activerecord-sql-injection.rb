class UsersController < ApplicationController
  SORTABLE = %w[name created_at].freeze

  def search
    # ruleid: ruby-activerecord-sql-injection
    @users = User.where("email = '#{params[:email]}'")
    # ok: ruby-activerecord-sql-injection
    @users2 = User.where(email: params[:email])
    # ok: ruby-activerecord-sql-injection
    @users3 = User.where("email = ?", params[:email])
    render json: @users + @users2 + @users3
  end

  def index
    # ruleid: ruby-activerecord-sql-injection
    @users = User.order("#{params[:sort]} #{params[:direction]}")
    column = SORTABLE.include?(params[:sort]) ? params[:sort] : "created_at"
    # ok: ruby-activerecord-sql-injection
    @sorted = User.order(column => :asc)
    render json: @users + @sorted
  end

  def stats
    # ruleid: ruby-activerecord-sql-injection
    rows = ActiveRecord::Base.connection.select_all("SELECT COUNT(*) FROM orders WHERE status = '" + params[:status] + "'")
    # ok: ruby-activerecord-sql-injection
    rows2 = Order.find_by_sql(["SELECT COUNT(*) FROM orders WHERE status = ?", params[:status]])
    # ok: ruby-activerecord-sql-injection
    rows3 = Order.where("id > #{params[:min].to_i}")
    render json: [rows, rows2, rows3]
  end
end

class Order < ApplicationRecord
  # ruleid: ruby-activerecord-sql-injection
  scope :for_region, ->(region) { where("region = '#{region}'") }
  # ok: ruby-activerecord-sql-injection
  scope :for_region_safe, ->(region) { where(region: region) }
end

class AddSearchIndex < ActiveRecord::Migration[7.1]
  def up
    %w[users orders].each do |table|
      # ok: ruby-activerecord-sql-injection
      execute("CREATE INDEX idx_#{table}_created ON #{table} (created_at)")
    end
  end
end
