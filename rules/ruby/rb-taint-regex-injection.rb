class SearchController < ApplicationController
  def index
    # ruleid: rb-taint-regex-injection
    pattern = Regexp.new(params[:q], Regexp::IGNORECASE)
    @items = Item.all.select { |i| i.name =~ pattern }
  end

  def literal
    # ok: rb-taint-regex-injection
    pattern = Regexp.new(Regexp.escape(params[:q]), Regexp::IGNORECASE)
    @items = Item.all.select { |i| i.name =~ pattern }
  end

  def inline
    term = params[:term]
    # ruleid: rb-taint-regex-injection
    @items = Item.all.select { |i| i.name =~ /^#{term}/ }
  end

  def fixed
    # ok: rb-taint-regex-injection
    @items = Item.all.select { |i| i.name =~ /^[a-z]+$/ }
  end
end
