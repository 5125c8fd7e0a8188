class UsersController < ApplicationController
  SORTS = %w[created_at name email].freeze

  def search
    name = params[:name]
    # ruleid: rb-taint-sql-injection
    @users = User.where("name = '#{name}'")
  end

  def search_bound
    # ok: rb-taint-sql-injection
    @users = User.where("name = ?", params[:name])
  end

  def search_hash
    # ok: rb-taint-sql-injection
    @users = User.where(name: params[:name], active: true)
  end

  def by_domain
    sql = "SELECT * FROM users WHERE email LIKE '%@" + params[:domain] + "'"
    # ruleid: rb-taint-sql-injection
    @users = User.find_by_sql(sql)
  end

  def older_than
    days = params[:days].to_i
    # ok: rb-taint-sql-injection
    @users = User.where("created_at < NOW() - INTERVAL '#{days} days'")
  end

  def purge
    # ruleid: rb-taint-sql-injection
    ActiveRecord::Base.connection.execute("DELETE FROM sessions WHERE user_id = #{params[:user_id]}")
    head :no_content
  end

  def sorted
    column = params[:sort]
    return head(:bad_request) unless SORTS.include?(column)
    # ok: rb-taint-sql-injection
    @users = User.order(Arel.sql("#{column} DESC"))
  end

  def tagged
    @users = users_with_tag(params[:tag])
  end

  def filtered
    conditions = []
    for role in params[:roles]
      conditions << "role = '#{role}'"
    end
    # values appended with << taint the array, and its join
    # ruleid: rb-taint-sql-injection
    @users = User.where(conditions.join(" OR "))
  end

  private

  def users_with_tag(tag)
    # ruleid: rb-taint-sql-injection
    User.joins(:tags).where("tags.name = '" + tag + "'")
  end
end

class CachedLookup
  # `params` here is this method's own argument (bind values), not the request's params
  def lookup(params, connection)
    sql = "SELECT * FROM accounts WHERE id = $1"
    # ok: rb-taint-sql-injection
    connection.select_rows(sql + " LIMIT #{params.first}")
  end
end
