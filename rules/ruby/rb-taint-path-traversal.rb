class ReportsController < ApplicationController
  REPORT_ROOT = Rails.root.join("storage", "reports")

  def show
    name = params[:name].to_s
    path = REPORT_ROOT.join(name)
    # ruleid: rb-taint-path-traversal
    send_file path, type: "application/pdf"
  end

  def show_basename
    name = File.basename(params[:name].to_s)
    # ok: rb-taint-path-traversal
    send_file REPORT_ROOT.join(name), type: "application/pdf"
  end

  def raw
    path = REPORT_ROOT.join(params[:name].to_s.sub(%r{\A/+}, ""))
    return head(:not_found) unless File.file?(path)
    # ruleid: rb-taint-path-traversal
    render plain: File.read(path)
  end

  def raw_allowed
    name = params[:name].to_s
    return head(:not_found) unless ALLOWED_REPORTS.include?(name)
    # ok: rb-taint-path-traversal
    render plain: File.read(REPORT_ROOT.join(name))
  end
end
