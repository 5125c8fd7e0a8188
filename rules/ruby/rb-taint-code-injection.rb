class CalculatorController < ApplicationController
  def compute
    expr = params[:expr]
    # ruleid: rb-taint-code-injection
    render plain: eval(expr).to_s
  end

  def compute_template
    # ruleid: rb-taint-code-injection
    render plain: binding.eval("#{params[:a]} + 1").to_s
  end

  def compute_safely
    a = params[:a].to_i
    # ok: rb-taint-code-injection
    render plain: eval("#{a} + 1").to_s
  end

  def constant
    # ok: rb-taint-code-injection
    render plain: eval("1 + 1").to_s
  end
end
