FROM python:latest
COPY summation.py /opt
RUN pip install numpy
ENTRYPOINT ["python", "/opt/summation.py"]
