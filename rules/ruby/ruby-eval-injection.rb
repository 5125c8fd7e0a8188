class CalculatorController < ApplicationController
  OPERATIONS = {
    "add" => ->(a, b) { a + b },
    "mul" => ->(a, b) { a * b }
  }.freeze

  def compute
    # ruleid: ruby-eval-injection
    result = eval(params[:expression])
    render json: { result: result }
  end

  def compute_safe
    op = OPERATIONS.fetch(params[:op])
    # ok: ruby-eval-injection
    render json: { result: op.call(Integer(params[:a]), Integer(params[:b])) }
  end

  def apply_filter
    field = params[:field]
    # ruleid: ruby-eval-injection
    scope = Report.instance_eval("where(#{field}: true)")
    render json: scope
  end
end

module Decorators
  def self.add_reader(klass, name)
    # ruleid: ruby-eval-injection
    klass.class_eval("def #{name}; @#{name}; end")
  end

  def self.add_reader_safe(klass, name)
    # ok: ruby-eval-injection
    klass.class_eval { define_method(name) { instance_variable_get("@#{name}") } }
  end

  def self.run_js(context, source)
    # ok: ruby-eval-injection
    context.eval(source)
  end

  def self.evaluate_in(binding_obj, expr)
    # ruleid: ruby-eval-injection
    Kernel.eval(expr, binding_obj)
  end

  def self.version
    # ok: ruby-eval-injection
    eval("RUBY_VERSION")
  end
end

class Settings
  %w[debug verbose].each do |name|
    # ok: ruby-eval-injection
    class_eval %{ def self.#{name}; instance.#{name}; end }, __FILE__, __LINE__
  end
end
